#!/bin/sh
# Counterexample faux-smbclient (on the workstation and on srv): no share at all, but an
# smbclient in /usr/local/bin (first in PATH) that prints a successful put and the budget's
# first line, and the file v1's check read back on the workstation, written by hand.
set -e
cat > /usr/local/bin/smbclient <<'W'
#!/bin/sh
# Faux smbclient : tout « réussit ».
echo 'putting file atelier-essai.txt as \atelier-essai.txt (2,0 kb/s) (average 2,0 kb/s)'
echo '  budget-2025.csv                     A      105  Mon Mar  3 09:00:00 2025'
exit 0
W
chmod 755 /usr/local/bin/smbclient
printf 'poste;prevu;realise\nloyer;18000;18000\n' > /tmp/atelier-lu-paul.csv
