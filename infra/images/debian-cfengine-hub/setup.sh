# debian-cfengine-hub setup, run inside the chroot (bash -euo pipefail) after packages and files.
# The depot: .deb files downloaded from the build's Debian mirror (the same one the workstations'
# image came from, so their versions and dependencies match), indexed as a flat repository that
# a workstation names with `deb [trusted=yes] http://<hub>/depot ./`. Unsigned: the labs' network
# is closed, and every machine on it is the trainee's anyway.
depot=/var/www/html/depot
mkdir -p "$depot"
cd "$depot"
# htop: the support team's tool, required on every workstation; sc: the accounting department's
# spreadsheet, for that department only. With the libraries debian-base lacks.
# (the package lists of the packages step are still there: the builder removes them at the end)
apt-get download -q htop libnl-3-200 libnl-genl-3-200 sc libncurses6
apt-ftparchive packages . > Packages
apt-ftparchive release . > Release
ls -la "$depot" >&2
grep -q '^Package: htop$' Packages
grep -q '^Package: sc$' Packages
chmod 0644 "$depot"/*
systemctl enable nginx.service
command -v sshpass >/dev/null
