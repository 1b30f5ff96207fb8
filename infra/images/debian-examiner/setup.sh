# debian-examiner setup, run inside the chroot after packages and files.
# No login prompt on the serial console: nobody logs in on the examiner's node.
systemctl mask serial-getty@ttyS0.service
