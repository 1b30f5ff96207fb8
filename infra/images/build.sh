#!/usr/bin/env bash
# Atelier VM image builder.
#
#   infra/images/build.sh [NAME...]
#
# Builds the image recipes found next to this script (see README.md for the
# recipe format, the output layout and the guest contract). Without NAME, every
# recipe is built. Parents are built first when they are out of date.
#
# Environment:
#   ATELIER_IMAGE_DIR      output directory   (default /var/lib/atelier/images)
#   ATELIER_DEBIAN_MIRROR  Debian mirror      (default http://deb.debian.org/debian)
#   ATELIER_DEBIAN_SUITE   Debian suite       (default bookworm)
#
# Needs root, debootstrap, e2fsprogs (mkfs.ext4 -d) and qemu-utils (qemu-img).
# No loop mount is used: the filesystem is written by mkfs.ext4 from a directory.
set -euo pipefail

RECIPES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SELF="$RECIPES_DIR/$(basename "${BASH_SOURCE[0]}")"
IMAGE_DIR="${ATELIER_IMAGE_DIR:-/var/lib/atelier/images}"
MIRROR="${ATELIER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${ATELIER_DEBIAN_SUITE:-bookworm}"
DISK_SIZE=4G
FS_LABEL=atelier-root
# Kernel command line the platform must pass (direct kernel boot).
CMDLINE="root=/dev/vda rw rootfstype=ext4 console=ttyS0 quiet"

START_TIME=$SECONDS
export LC_ALL=C

# ---------------------------------------------------------------- helpers ---

say()  { printf '==> %s\n' "$*"; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$((SECONDS - START_TIME)) s"; }

# State of the image being built, used by the EXIT trap and by step().
CUR_IMAGE=""
WORK=""        # temporary work dir (under IMAGE_DIR, same disk as the output)
ROOT=""        # rootfs being built ($WORK/root)

# Run one build step with its output in a log file. On failure: report the
# image, the step and the tail of the log, then exit (the EXIT trap cleans up).
step() {
    local title="$1"; shift
    local log="$WORK/logs/$(printf '%02d' "$STEP_NO")-${title// /-}.log"
    STEP_NO=$((STEP_NO + 1))
    say "$CUR_IMAGE: $title… ($(elapsed))"
    # The step runs in a subshell with errexit on (set +e here would be inherited), so any
    # failing command fails the step.
    local rc=0
    set +e
    ( set -e; "$@" ) >"$log" 2>&1
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
        printf '\nerror: image %s failed at step "%s". Last 20 lines of %s:\n' \
            "$CUR_IMAGE" "$title" "$(basename "$log")" >&2
        tail -n 20 "$log" | sed 's/^/    /' >&2
        # Keep the full log next to the image for later inspection.
        mkdir -p "$IMAGE_DIR/$CUR_IMAGE"
        cp "$log" "$IMAGE_DIR/$CUR_IMAGE/last-failure.log" 2>/dev/null || true
        printf 'full log: %s\n' "$IMAGE_DIR/$CUR_IMAGE/last-failure.log" >&2
        exit 1
    fi
}

# Mount points used while running commands in the chroot, innermost last.
CHROOT_MOUNTS=(proc sys dev dev/pts)

# The chroot gets its own /dev (a tmpfs with the few nodes package scripts use), never the
# host's: package scripts there (udev, systemd) chgrp device nodes such as /dev/kvm to the
# chroot's group ids, which breaks libvirt's QEMU probing on the host.
mount_chroot() {
    mount -t proc proc "$ROOT/proc"
    mount -t sysfs -o ro sysfs "$ROOT/sys"
    mount -t tmpfs -o mode=755,size=16m devtmp "$ROOT/dev"
    local node
    for node in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
        set -- $node
        mknod -m 666 "$ROOT/dev/$1" c "$2" "$3"
    done
    ln -s /proc/self/fd "$ROOT/dev/fd"
    ln -s /proc/self/fd/0 "$ROOT/dev/stdin"
    ln -s /proc/self/fd/1 "$ROOT/dev/stdout"
    ln -s /proc/self/fd/2 "$ROOT/dev/stderr"
    mkdir -p "$ROOT/dev/pts" "$ROOT/dev/shm"
    mount -t devpts -o newinstance,ptmxmode=666 devpts "$ROOT/dev/pts"
    ln -s pts/ptmx "$ROOT/dev/ptmx"
}

umount_chroot() {
    [ -n "$ROOT" ] || return 0
    local i m
    for ((i = ${#CHROOT_MOUNTS[@]} - 1; i >= 0; i--)); do
        m="$ROOT/${CHROOT_MOUNTS[$i]}"
        if mountpoint -q "$m" 2>/dev/null; then
            umount "$m" 2>/dev/null || umount -l "$m"
        fi
    done
}

# True when a lab disk under ATELIER_DISKS_DIR (default /var/lib/atelier/disks) has $1 as
# its backing file.
backing_in_use() {
    local disk
    while IFS= read -r -d '' disk; do
        head -c 4096 "$disk" 2>/dev/null | grep -qaF "$1" && return 0
    done < <(find "${ATELIER_DISKS_DIR:-/var/lib/atelier/disks}" -name '*.qcow2' -print0 2>/dev/null)
    return 1
}

# True when something is still mounted below $1 (never rm -rf such a tree).
has_mounts_below() {
    awk -v p="$1/" 'index($2, p) == 1 { found = 1 } END { exit !found }' /proc/self/mounts
}

cleanup() {
    local rc=$?
    umount_chroot || true
    if [ -n "$WORK" ] && [ -d "$WORK" ]; then
        if has_mounts_below "$WORK"; then
            printf 'warning: mounts left under %s, not removing it\n' "$WORK" >&2
        else
            rm -rf --one-file-system "$WORK"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Run a command inside the rootfs with a clean environment.
in_chroot() {
    chroot "$ROOT" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        "$@"
}

# --------------------------------------------------------------- recipes ---

is_recipe() { [ -f "$RECIPES_DIR/$1/packages" ]; }

all_recipes() {
    local d
    for d in "$RECIPES_DIR"/*/; do
        d="$(basename "$d")"
        is_recipe "$d" && echo "$d"
    done
}

parent_of() {
    local f="$RECIPES_DIR/$1/parent"
    [ -f "$f" ] || return 0
    # First non-empty, non-comment word.
    sed -e 's/#.*//' "$f" | awk 'NF { print $1; exit }'
}

# True when another recipe names $1 as its parent (so it needs rootfs.tar*).
has_children() {
    local r
    for r in $(all_recipes); do
        [ "$(parent_of "$r")" = "$1" ] && return 0
    done
    return 1
}

# Package names from a recipe's packages file (comments and blanks removed).
packages_of() {
    sed -e 's/#.*//' "$RECIPES_DIR/$1/packages" | tr -s ' \t' '\n' | awk 'NF'
}

declare -A HASHES=()

# Recipe hash: sha256 over the recipe's files (relative path, mode and
# content, sorted by path), this script, and the parent's hash.
recipe_hash() {
    local name="$1"
    if [ -n "${HASHES[$name]:-}" ]; then echo "${HASHES[$name]}"; return; fi
    local parent parent_hash="" dir="$RECIPES_DIR/$name"
    parent="$(parent_of "$name")"
    if [ -n "$parent" ]; then
        is_recipe "$parent" || die "$name: parent '$parent' is not a recipe"
        parent_hash="$(recipe_hash "$parent")"
    fi
    local h
    h="$(
        {
            echo "builder $(sha256sum <"$SELF" | cut -d' ' -f1)"
            echo "parent $parent_hash"
            (cd "$dir" && find . \( -type f -o -type l \) -print0 | sort -z |
                while IFS= read -r -d '' f; do
                    if [ -L "$f" ]; then
                        printf 'link %s %s\n' "$f" "$(readlink "$f")"
                    else
                        printf 'file %s %s %s\n' "$f" "$(stat -c %a "$f")" \
                            "$(sha256sum <"$f" | cut -d' ' -f1)"
                    fi
                done)
        } | sha256sum | cut -c1-16
    )"
    HASHES[$name]="$h"
    echo "$h"
}

# Parent's rootfs archive (built by this script), or nothing.
rootfs_archive() {
    local d="$IMAGE_DIR/$1/current"
    local f
    for f in "$d/rootfs.tar.zst" "$d/rootfs.tar"; do
        [ -f "$f" ] && { echo "$f"; return; }
    done
}

# True when $IMAGE_DIR/<name>/current is the wanted hash and is complete.
up_to_date() {
    local name="$1" hash="$2" cur="$IMAGE_DIR/$1/current"
    [ "$(readlink "$cur" 2>/dev/null)" = "$hash" ] || return 1
    local f
    for f in disk.qcow2 vmlinuz initrd.img cmdline; do
        [ -f "$cur/$f" ] || return 1
    done
    if has_children "$name" && [ -z "$(rootfs_archive "$name")" ]; then
        return 1
    fi
    return 0
}

# ------------------------------------------------------------ build steps ---

do_debootstrap() {
    debootstrap --variant=minbase --arch=amd64 "$SUITE" "$ROOT" "$MIRROR"
}

do_extract_parent() {
    local archive="$1"
    mkdir -p "$ROOT"
    case "$archive" in
        *.zst) zstd -dc -T0 "$archive" ;;
        *)     cat "$archive" ;;
    esac | tar --numeric-owner --xattrs --xattrs-include='*' -xpf - -C "$ROOT"
}

# Builder-wide settings applied before any package is installed: no docs, no
# recommends, no service starts inside the chroot.
do_prepare() {
    cat >"$ROOT/etc/dpkg/dpkg.cfg.d/01-atelier-nodoc" <<'EOF'
# Atelier images: no documentation, man pages or translations.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
    cat >"$ROOT/etc/apt/apt.conf.d/01-atelier" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Dpkg::Options { "--force-confdef"; "--force-confold"; };
EOF
    printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
    chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
    echo "deb $MIRROR $SUITE main" >"$ROOT/etc/apt/sources.list"
    # Name resolution for apt inside the chroot (the image's own resolv.conf
    # is restored in do_finalize).
    rm -f "$ROOT/etc/resolv.conf"
    cat /etc/resolv.conf >"$ROOT/etc/resolv.conf"
    # Drop what debootstrap installed before the exclusions existed.
    find "$ROOT/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
    rm -rf "$ROOT"/usr/share/{man,info,groff,lintian,linda}/* 2>/dev/null || true
    find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias \
        -exec rm -rf {} + 2>/dev/null || true
}

do_packages() {
    local name="$1"
    local -a pkgs
    mapfile -t pkgs < <(packages_of "$name")
    in_chroot apt-get update
    if [ "${#pkgs[@]}" -gt 0 ]; then
        in_chroot apt-get install -y "${pkgs[@]}"
    fi
}

do_files() {
    local src="$RECIPES_DIR/$1/files"
    # Copy the tree: contents and modes, owned by root.
    cp -a --no-preserve=ownership "$src/." "$ROOT/"
}

do_setup() {
    install -m 0755 "$RECIPES_DIR/$1/setup.sh" "$ROOT/tmp/atelier-setup.sh"
    in_chroot /bin/bash -euo pipefail /tmp/atelier-setup.sh
    rm -f "$ROOT/tmp/atelier-setup.sh"
}

# Make the rootfs generic: no host keys, no machine id, no caches.
do_finalize() {
    in_chroot apt-get clean
    rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin
    rm -f "$ROOT"/etc/ssh/ssh_host_*
    rm -f "$ROOT/usr/sbin/policy-rc.d"
    # Empty machine-id: systemd generates a unique one at first boot.
    : >"$ROOT/etc/machine-id"
    rm -f "$ROOT/var/lib/dbus/machine-id"
    rm -f "$ROOT/etc/resolv.conf"
    if [ -e "$ROOT/lib/systemd/systemd-resolved" ]; then
        ln -s ../run/systemd/resolve/stub-resolv.conf "$ROOT/etc/resolv.conf"
    else
        : >"$ROOT/etc/resolv.conf"
    fi
    rm -rf "$ROOT"/tmp/* "$ROOT"/var/tmp/* "$ROOT"/root/.bash_history
    find "$ROOT/var/log" -type f -exec truncate -s 0 {} +
}

# Kernel and initramfs for direct kernel boot, plus the command line.
do_kernel() {
    local out="$1" vmlinuz initrd ver
    vmlinuz="$(ls -1v "$ROOT"/boot/vmlinuz-* 2>/dev/null | tail -n 1)"
    [ -n "$vmlinuz" ] || { echo "no kernel in /boot (install linux-image-amd64)"; return 1; }
    ver="${vmlinuz##*/vmlinuz-}"
    initrd="$ROOT/boot/initrd.img-$ver"
    [ -f "$initrd" ] || { echo "no initramfs for $ver"; return 1; }
    cp "$vmlinuz" "$out/vmlinuz"
    cp "$initrd" "$out/initrd.img"
    echo "$CMDLINE" >"$out/cmdline"
    echo "kernel $ver"
}

do_disk() {
    local out="$1"
    mkfs.ext4 -q -F -L "$FS_LABEL" -d "$ROOT" -E root_owner=0:0 "$WORK/disk.raw" "$DISK_SIZE"
    qemu-img convert -f raw -O qcow2 "$WORK/disk.raw" "$out/disk.qcow2"
    rm -f "$WORK/disk.raw"
}

do_archive() {
    local out="$1"
    if command -v zstd >/dev/null; then
        tar --numeric-owner --xattrs --xattrs-include='*' -C "$ROOT" -cf - . |
            zstd -q -T0 -3 -o "$out/rootfs.tar.zst"
    else
        tar --numeric-owner --xattrs --xattrs-include='*' -C "$ROOT" -cf "$out/rootfs.tar" .
    fi
}

# Build one image whose parents are already up to date.
build_image() {
    local name="$1" hash="$2" parent
    local t0=$SECONDS
    CUR_IMAGE="$name"
    STEP_NO=1
    parent="$(parent_of "$name")"

    mkdir -p "$IMAGE_DIR/.work" "$IMAGE_DIR/$name"
    chmod 0755 "$IMAGE_DIR" "$IMAGE_DIR/$name"
    WORK="$(mktemp -d "$IMAGE_DIR/.work/$name.XXXXXX")"
    ROOT="$WORK/root"
    local out="$WORK/out"
    mkdir -p "$WORK/logs" "$out"

    if [ -n "$parent" ]; then
        local archive
        archive="$(rootfs_archive "$parent")"
        [ -n "$archive" ] || die "$name: parent $parent has no rootfs archive"
        step "extract $parent" do_extract_parent "$archive"
    else
        step "debootstrap $SUITE" do_debootstrap
    fi
    step "prepare" do_prepare
    mount_chroot
    step "install packages" do_packages "$name"
    if [ -d "$RECIPES_DIR/$name/files" ]; then
        step "copy files" do_files "$name"
    fi
    if [ -f "$RECIPES_DIR/$name/setup.sh" ]; then
        step "setup.sh" do_setup "$name"
    fi
    step "finalize rootfs" do_finalize
    umount_chroot
    has_mounts_below "$WORK" && die "$name: mounts left under $WORK"

    step "kernel" do_kernel "$out"
    step "ext4 + qcow2" do_disk "$out"
    if has_children "$name"; then
        step "rootfs archive" do_archive "$out"
    fi

    # Publish: <name>/<hash>, then switch <name>/current atomically.
    chmod 0755 "$out"
    chmod 0644 "$out"/*
    local dest="$IMAGE_DIR/$name/$hash"
    if [ -d "$dest" ]; then
        # Same hash already published (rebuilt only to add the rootfs archive
        # for a new child): add missing files, never replace a disk that
        # existing overlays may use as their backing file.
        local f
        for f in "$out"/*; do
            [ -e "$dest/$(basename "$f")" ] || mv "$f" "$dest/"
        done
    else
        mv "$out" "$dest"
    fi
    ln -sfn "$hash" "$IMAGE_DIR/$name/current.new"
    mv -T "$IMAGE_DIR/$name/current.new" "$IMAGE_DIR/$name/current"
    # Remove older builds of this image, except those a lab disk still uses as its backing
    # file (a qcow2 overlay names its backing file in its first kilobytes).
    local d
    for d in "$IMAGE_DIR/$name"/*/; do
        d="$(basename "$d")"
        [ "$d" = "$hash" ] || [ "$d" = current ] && continue
        if backing_in_use "$IMAGE_DIR/$name/$d/disk.qcow2"; then
            say "$name: keeping build $d, still used by lab disks"
        else
            rm -rf "${IMAGE_DIR:?}/$name/$d"
        fi
    done
    rm -f "$IMAGE_DIR/$name/last-failure.log"

    rm -rf --one-file-system "$WORK"
    WORK="" ROOT=""
    say "$name: built $hash in $((SECONDS - t0)) s (disk.qcow2 $(du -h "$dest/disk.qcow2" | cut -f1))"
}

# ------------------------------------------------------------------ main ---

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot)"
for tool in debootstrap mkfs.ext4 qemu-img chroot tar; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done

mkdir -p "$IMAGE_DIR"
# One build at a time.
exec 9>"$IMAGE_DIR/.lock"
flock -n 9 || die "another image build is running (lock $IMAGE_DIR/.lock)"

if [ "$#" -gt 0 ]; then
    requested=("$@")
else
    mapfile -t requested < <(all_recipes)
fi
[ "${#requested[@]}" -gt 0 ] || die "no recipe found in $RECIPES_DIR"

# Build order: parents before children, each image once.
declare -A SEEN=()
ORDER=()
visit() {
    local n="$1" p
    [ -n "${SEEN[$n]:-}" ] && { [ "${SEEN[$n]}" = done ] || die "parent cycle at $n"; return; }
    is_recipe "$n" || die "unknown image '$n' (no $RECIPES_DIR/$n/packages)"
    SEEN[$n]=visiting
    p="$(parent_of "$n")"
    [ -z "$p" ] || visit "$p"
    SEEN[$n]=done
    ORDER+=("$n")
}
for n in "${requested[@]}"; do visit "$n"; done

for name in "${ORDER[@]}"; do
    hash="$(recipe_hash "$name")"
    if up_to_date "$name" "$hash"; then
        say "$name: up to date ($hash)"
    else
        build_image "$name" "$hash"
    fi
done
say "done ($(elapsed))"
