#!/bin/sh
# Counterexample outils-factices, on the workstation: an ssh in /usr/local/bin (first in
# PATH) that "succeeds" whatever it is asked, as a check run on the workstation would see it.
set -e
cat > /usr/local/bin/ssh <<'W'
#!/bin/sh
# Faux ssh : toute connexion « réussit ».
echo admin-srv
exit 0
W
chmod 755 /usr/local/bin/ssh
