# debian-ad-dc setup, run inside the chroot after packages and files.
# Nothing runs until the trainee provisions the domain: the file-server daemons and the AD DC
# service are disabled (not masked: enabling samba-ad-dc is part of the task), and the
# package's member-server smb.conf is kept as Debian ships it (the provisioning refuses to
# run over it: moving it aside is a step of the procedure).
for unit in smbd.service nmbd.service winbind.service samba-ad-dc.service; do
    if [ -e "/lib/systemd/system/$unit" ]; then
        systemctl unmask "$unit" 2>/dev/null || true
        systemctl disable "$unit"
    fi
done
# No Kerberos realm configured: /etc/krb5.conf is the one the provisioning writes (krb5.conf
# in /var/lib/samba/private), copied by the trainee.
rm -f /etc/krb5.conf
