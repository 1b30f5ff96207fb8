#!/bin/sh
# srv: the accounting department's file server as the previous technician left it.
# Accounts (Linux and Samba), the folder to share with its files, yesterday's backup,
# and an SSH configuration to harden (root may log in with the old technician's key).
set -eu

# --- accounts: claire (comptables, may edit), paul (auditeurs, may only read), admin-srv
getent group comptables >/dev/null || groupadd comptables
getent group auditeurs >/dev/null || groupadd auditeurs
id claire >/dev/null 2>&1 || useradd -m -s /bin/bash -G comptables -c "Claire Martin, comptable" claire
id paul >/dev/null 2>&1 || useradd -m -s /bin/bash -G auditeurs -c "Paul Girard, auditeur" paul
id admin-srv >/dev/null 2>&1 || useradd -m -s /bin/bash -G sudo -c "Administrateur du serveur" admin-srv
echo 'admin-srv:{{mdp_admin}}' | chpasswd
# root gets a password the trainee is never told: the examiner tries it over SSH, so that
# removing the contractor's key alone does not pass for "root may no longer log in".
echo 'root:{{mdp_root}}' | chpasswd
printf '%s\n%s\n' '{{mdp_claire}}' '{{mdp_claire}}' | smbpasswd -s -a claire >/dev/null
printf '%s\n%s\n' '{{mdp_paul}}' '{{mdp_paul}}' | smbpasswd -s -a paul >/dev/null

# --- Samba: the server runs, no share declared yet
cat > /etc/samba/smb.conf <<'SMB'
# Serveur de fichiers du cabinet (Samba, serveur autonome).
[global]
   workgroup = CABINET
   server string = Serveur de fichiers du cabinet
   server role = standalone server
   map to guest = bad user
   disable netbios = yes
   smb ports = 445
   load printers = no
   printing = bsd
   printcap name = /dev/null
   disable spoolss = yes
   log file = /var/log/samba/log.%m
   max log size = 1000
   logging = file
SMB
systemctl restart smbd

# --- the accounting folder (not shared yet) and its files
d=/srv/partage/compta
mkdir -p $d/factures $d/procedures
cat > $d/budget-2025.csv <<'F'
poste;prevu;realise
loyer;18000;18000
salaires;142000;139850
informatique;9500;11240
formation;4000;2650
F
cat > $d/clients.csv <<'F'
code;raison_sociale;ville
C001;Boulangerie Morel;Angers
C002;Garage des Lices;Angers
C003;Menuiserie Durand;Saumur
C004;Pharmacie du Mail;Cholet
F
cat > $d/factures/F-2025-0042.txt <<'F'
Facture F-2025-0042 - Menuiserie Durand
Maintenance annuelle du parc : 1 450,00 EUR HT
Echeance : 30 jours fin de mois
F
cat > $d/procedures/cloture-mensuelle.txt <<'F'
Cloture mensuelle
1. Rapprocher les releves bancaires.
2. Saisir les factures fournisseurs.
3. Editer la balance et la transmettre a l'expert-comptable.
F
find /srv/partage -exec touch -d '2025-03-03 09:00' {} +

# --- yesterday night's backup, kept in /srv/sauvegardes (root only)
install -d -m 700 /srv/sauvegardes
hier=$(date -d yesterday +%F)
tar -czf /srv/sauvegardes/compta-$hier.tar.gz -C /srv/partage compta
touch -d "$hier 23:30" /srv/sauvegardes/compta-$hier.tar.gz

# --- SSH as installed: root logs in with the previous technician's key
cat > /etc/ssh/sshd_config.d/00-installation.conf <<'SSHD'
# Installation initiale du serveur (ancien prestataire)
PermitRootLogin yes
SSHD
install -d -m 700 /root/.ssh
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcRqcf0i32NeEmFxjMGY7mhFyoNB4R9ii9s0hb11FgQ ancien-technicien@cabinet' \
  > /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
systemctl reload ssh
