# debian-base setup, run inside the chroot (bash -euo pipefail) after the
# packages are installed and files/ is copied.

# Default host name (the first-boot config sets the real one).
echo atelier >/etc/hostname
cat >/etc/hosts <<'HOSTS'
127.0.0.1	localhost
127.0.1.1	atelier
::1		localhost ip6-localhost ip6-loopback
HOSTS
echo 'LANG=C.UTF-8' >/etc/default/locale

# The platform's account: key-only (key installed at first boot), password
# locked, passwordless sudo.
id atelier >/dev/null 2>&1 || useradd -m -s /bin/bash -c "Atelier platform" atelier
passwd -l atelier
install -m 0440 /dev/stdin /etc/sudoers.d/atelier <<'SUDO'
atelier ALL=(ALL) NOPASSWD:ALL
SUDO
visudo -c -q

# Root has no password and no SSH access.
passwd -l root

# Services: networkd + resolved (no ifupdown), ssh, first boot, serial console.
systemctl enable systemd-networkd.service systemd-resolved.service ssh.service \
    atelier-firstboot.service atelier-ssh-hostkey.service serial-getty@ttyS0.service
# qemu-guest-agent is started by udev when the org.qemu.guest_agent.0 port appears.

# Boot speed under TCG: nothing waits for the network, no periodic jobs at boot.
systemctl mask systemd-networkd-wait-online.service e2scrub_reap.service
for unit in apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
    e2scrub_all.timer fstrim.timer man-db.timer; do
    if [ -e "/lib/systemd/system/$unit" ]; then systemctl disable "$unit"; fi
done

# Console keyboard (files/etc/default/keyboard, French AZERTY): compiled now, so that boot only
# loads the cached keymap and font (keyboard-setup.service, console-setup.service). The package
# cached a US keymap at install; a cache is used only when strictly newer than the configuration.
rm -f /etc/console-setup/cached_*
touch -d 2000-01-01 /etc/default/keyboard /etc/default/console-setup
setupcon --force --save-only
grep -q "loadkeys '/etc/console-setup/cached_UTF-8_del.kmap.gz'" /etc/console-setup/cached_setup_keyboard.sh
zcat /etc/console-setup/cached_UTF-8_del.kmap.gz | grep -c '^keycode 16 = +U+0061 ' >/dev/null # a on the Q key

# Size: drop kernel modules for hardware a lab VM never has (wireless,
# bluetooth, sound, media, GPUs other than the virtual ones, InfiniBand...).
# A later kernel upgrade inside the VM brings them back; that is fine.
for kdir in /lib/modules/*/kernel; do
    rm -rf "$kdir"/drivers/{net/wireless,bluetooth,media,staging,infiniband,iio,comedi,mtd,isdn} \
        "$kdir"/net/{wireless,mac80211,bluetooth} "$kdir"/sound "$kdir"/lib/test_*.ko
    find "$kdir/drivers/gpu/drm" -mindepth 1 -maxdepth 1 -type d \
        ! -name tiny ! -name ttm ! -name virtio ! -name qxl ! -name display \
        -exec rm -rf {} +
    depmod -a "$(basename "$(dirname "$kdir")")"
done

# Small initramfs (MODULES=list, see /etc/initramfs-tools).
update-initramfs -u -k all
