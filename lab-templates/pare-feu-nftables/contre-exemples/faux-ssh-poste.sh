#!/bin/sh
# Counterexample outils-factices, on poste1: an ssh (and a nc) that always "time out", so that
# the trainee's own test of the filtering "passes".
set -eu
for t in ssh nc; do
  cat > /usr/local/bin/$t <<'FAUX'
#!/bin/sh
sleep 2
echo "$(basename "$0"): connect to host port: Connection timed out" >&2
exit 255
FAUX
  chmod 755 /usr/local/bin/$t
done
