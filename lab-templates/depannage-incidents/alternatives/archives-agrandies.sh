#!/bin/sh
# Alternative (srv): the archives' file system grown to 128 MiB online (its loop file, then ext4)
# rather than the temporary file deleted.
set -eu
dev=$(findmnt -n -o SOURCE /srv/archives)
truncate -s 128M /srv/archives.img
losetup -c "$dev"
resize2fs "$dev" >/dev/null 2>&1
