# debian-examiner setup, run inside the chroot after packages and files.
# No login prompt on the serial console: nobody logs in on the examiner's node.
systemctl mask serial-getty@ttyS0.service
# Each lab NIC after the first alone in a network namespace, at every boot (see the script).
systemctl enable atelier-examiner-netns.service
