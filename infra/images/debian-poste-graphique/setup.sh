# debian-poste-graphique setup, run inside the chroot (bash -euo pipefail) after packages and
# files.

# --- Keyboard in X: the layout of /etc/default/keyboard (debian-base: French AZERTY, the one the
# platform's screen gateway types for). Xorg does not read that file: its XKB settings are
# written here from it, so that the console and X keep one source.
. /etc/default/keyboard
cat >/etc/X11/xorg.conf.d/00-keyboard.conf <<XKB
# Written by setup.sh from /etc/default/keyboard (change that file, not this one).
Section "InputClass"
    Identifier      "atelier keyboard"
    MatchIsKeyboard "on"
    Option          "XkbModel"   "${XKBMODEL:-pc105}"
    Option          "XkbLayout"  "${XKBLAYOUT}"
    Option          "XkbVariant" "${XKBVARIANT:-}"
    Option          "XkbOptions" "${XKBOPTIONS:-}"
EndSection
XKB
grep -q '"XkbLayout"  "fr"' /etc/X11/xorg.conf.d/00-keyboard.conf

# --- PAM: libpam-systemd's postinst put pam_systemd into common-session, for every login. Only
# the graphical session needs a logind session (/etc/pam.d/atelier-desktop): SSH and serial
# logins stay as in debian-base, without a systemd --user started for each of them.
pam-auth-update --remove systemd
if grep -q pam_systemd /etc/pam.d/common-session; then echo "pam_systemd still in common-session" >&2; exit 1; fi
grep -q '^session  required pam_systemd.so' /etc/pam.d/atelier-desktop

# --- The session: VT 1 belongs to atelier-session@<trainee>.service, opened by
# atelier-desktop.{service,path} once the trainee's account exists. No text login on tty1
# (it would take VT 1 back); other VTs keep logind's on-demand getty (Ctrl+Alt+F2...).
systemctl disable getty@tty1.service
systemctl enable atelier-desktop.service atelier-desktop.path

# No screen locker: suckless-tools (dmenu, for surf's prompts) also ships slock. Diverted off
# the PATH, so that a package upgrade does not bring it back.
dpkg-divert --local --rename --divert /usr/bin/slock.atelier-disabled --add /usr/bin/slock
if command -v slock; then exit 1; fi

# The configuration parses (a broken jwmrc would leave the trainee without panel or menu).
jwm -p -f /etc/X11/atelier/jwmrc
command -v surf dmenu xprop atelier-navigateur >/dev/null
