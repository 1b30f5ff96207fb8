# debian-ad-member setup, run inside the chroot after packages and files.
# Not joined: winbind and sssd are disabled until the trainee joins the machine (with one or
# the other), smbd keeps serving as in debian-samba.
for unit in winbind.service sssd.service; do
    if [ -e "/lib/systemd/system/$unit" ]; then systemctl disable "$unit"; fi
done
rm -f /etc/krb5.conf
# pam-auth-update enabled the winbind and sss profiles: harmless while they are not running
# (pam_unix comes first), and the join needs no PAM editing beyond mkhomedir.
