# debian-samba setup, run inside the chroot after packages and files.
# smbd serves the shares; NetBIOS name service (nmbd) and the AD DC mode are not used:
# masked, so they cost nothing at boot under TCG.
systemctl enable smbd.service
for unit in nmbd.service samba-ad-dc.service; do
    if [ -e "/lib/systemd/system/$unit" ]; then systemctl disable "$unit"; fi
    systemctl mask "$unit"
done
