# debian-web setup, run inside the chroot after packages and files.
systemctl enable nginx.service
