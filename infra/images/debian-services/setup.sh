# debian-services setup, run inside the chroot after packages and files.
# named and nginx start at boot with the packaged configuration; the lab's setup script writes
# the zone, the intranet site and the share (its values are the lab's).
systemctl enable named.service nginx.service smbd.service
# systemd-resolved's stub listens on 127.0.0.53:53 only; named listens on the LAN address
# the lab's setup gives it (listen-on), so both can stay.
named-checkconf
