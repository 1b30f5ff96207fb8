# debian-puppet setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Leaves a Puppet Server that starts at boot (port 8140) with its CA ready and no agent
# certificate signed yet; nothing of it can run here (the builder blocks service starts).

# --- puppetserver -------------------------------------------------------------------------
# Installed here, once man1 exists for the JRE's alternative (see packages). The apt lists of
# the builder's package step are still there.
install -d -m 0755 /usr/share/man/man1
apt-get install -y puppetserver
java -version 2>&1 | head -n 1

# Heap: Debian's default is -Xms1g -Xmx1g, a 1 GiB heap, more than a lab VM can give once the
# JVM's metaspace (JRuby + Puppet's Ruby code, ~150-250 MiB), code cache and threads are added.
# One JRuby instance (below) compiling the catalogs of a handful of workstations with a few
# file/package/user resources needs far less than the ~512 MiB per instance Puppet's tuning
# guide plans for production catalogs, so -Xmx512m as the ceiling and -Xms384m so that the start
# (loading Puppet into JRuby) does not grow the heap step by step, a full GC at each step (slow
# under TCG), while an idle heap can stay below the ceiling. Guesses to measure (RSS, start
# time). On a 1-vCPU VM under 1792 MiB the JVM picks SerialGC itself: no GC flag.
def=/etc/default/puppetserver
sed -i 's/^JAVA_ARGS="-Xms1g -Xmx1g /# Atelier (debian-puppet): heap 384m-512m instead of 1g (see the image recipe'"'"'s setup.sh).\nJAVA_ARGS="-Xms384m -Xmx512m /' "$def"
grep -q '^JAVA_ARGS="-Xms384m -Xmx512m -Djruby.logger.class=' "$def"
[ "$(bash -c ". $def; echo \$JAVA_ARGS" | grep -o -- '-Xm[sx][0-9a-z]*' | tr '\n' ' ')" = "-Xms384m -Xmx512m " ]

# One JRuby instance: the default is CPUs - 1 (at least 1) and each instance is a full Puppet
# loaded in JRuby (minutes to start under TCG, its own share of the heap); a lab serves a few
# agents, one at a time is enough.
conf=/etc/puppet/puppetserver/conf.d/puppetserver.conf
sed -i 's/^\([[:space:]]*\)#max-active-instances: 1$/\1max-active-instances: 1/' "$conf"
grep -q '^[[:space:]]*max-active-instances: 1$' "$conf"

# --- the CA, now, offline ------------------------------------------------------------------
# Made at build rather than by the server at its first start: the names are known (the lab's
# server is `puppet`, its domain arvor.lan), and the three 4096-bit RSA keys (root CA,
# intermediate CA, server) cost a few seconds here against minutes of the JVM's key generation
# under TCG at the first boot. The price: every machine made from one build of this image has
# the same CA and server keys (fine for isolated lab networks, not for anything real); a new
# build makes new ones. `puppetserver ca setup` is Ruby (no JVM) and, run as root, hands the
# files to user puppet. It writes the CA to /etc/puppet/puppetserver/ca and the server's own
# key and certificate to the ssldir /var/lib/puppet/ssl (not empty in this image, on purpose).
[ "$(puppet config print certname --section server)" = puppet ]
puppetserver ca setup --certname puppet --subject-alt-names DNS:puppet,DNS:puppet.arvor.lan
ssl=/var/lib/puppet/ssl
for f in /etc/puppet/puppetserver/ca/ca_crt.pem /etc/puppet/puppetserver/ca/ca_key.pem \
    /etc/puppet/puppetserver/ca/ca_crl.pem "$ssl/certs/puppet.pem" "$ssl/private_keys/puppet.pem" \
    "$ssl/certs/ca.pem" "$ssl/crl.pem"; do
    [ -s "$f" ] || { echo "missing after ca setup: $f" >&2; exit 1; }
done
ruby -ropenssl -e '
  c = OpenSSL::X509::Certificate.new(File.read(ARGV[0]))
  san = c.extensions.find { |e| e.oid == "subjectAltName" }.value
  puts "server certificate #{c.subject} (#{san}), valid until #{c.not_after}"
  want = ["DNS:puppet", "DNS:puppet.arvor.lan"]
  exit(want.all? { |n| san.split(", ").include?(n) } ? 0 : 1)' "$ssl/certs/puppet.pem"
[ "$(stat -c %U /etc/puppet/puppetserver/ca/ca_key.pem)" = puppet ]
# No agent certificate was requested or signed: the CA holds the server's certificate only.
[ "$(ls /etc/puppet/puppetserver/ca/signed)" = puppet.pem ]
[ -z "$(ls -A /etc/puppet/puppetserver/ca/requests 2>/dev/null)" ]

# --- the production environment -----------------------------------------------------------
# The package ships /etc/puppet/code but no environment, and the
# server refuses catalog requests for an environment whose directory does not exist.
# manifests/site.pp comes from files/ (node default {}); modules/ is empty.
install -d -m 0755 /etc/puppet/code/environments/production/modules
chmod 0755 /etc/puppet/code/environments /etc/puppet/code/environments/production \
    /etc/puppet/code/environments/production/manifests
puppet parser validate /etc/puppet/code/environments/production/manifests/site.pp

# Autosign off (see puppet.conf): the trainee signs each workstation's request.
[ ! -e /etc/puppet/autosign.conf ]
[ "$(puppet config print autosign --section server)" = /etc/puppet/autosign.conf ]

# Not enabled by the package's postinst on a fresh install. The agent on the server stays off.
systemctl enable puppetserver.service
systemctl disable puppet.service
if systemctl -q is-enabled puppet.service; then echo "puppet.service enabled" >&2; exit 1; fi
