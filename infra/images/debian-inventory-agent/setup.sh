# debian-inventory-agent setup, run inside the chroot (bash -euo pipefail) after packages and
# files.

# The agent's debconf answers, written down (they are Debian's defaults): local mode, no
# server, no tag. Pointing the agent at the lab's server is the trainee's task, or a lab step:
# /etc/ocsinventory/ocsinventory-agent.cfg with server=http://<server>/ocsinventory (and
# tag=...) and without its local= line (local mode wins over server=), or these same answers
# with method http, server and tag, then dpkg-reconfigure -f noninteractive ocsinventory-agent
# (its postinst rewrites the file through ucf).
debconf-set-selections <<'EOF'
ocsinventory-agent ocsinventory-agent/method select local
ocsinventory-agent ocsinventory-agent/server string
ocsinventory-agent ocsinventory-agent/tag string
EOF
dpkg-reconfigure -f noninteractive ocsinventory-agent
grep -qx 'local=/var/lib/ocsinventory-agent/reports' /etc/ocsinventory/ocsinventory-agent.cfg

# The package runs the agent three ways: /etc/cron.daily/ocsinventory-agent (after a random
# sleep of up to 5 min), the daily ocsinventory-agent.timer, and ocsinventory-agent.service
# itself, enabled in multi-user.target: a full inventory at every boot. That last one is
# dropped: a lab's nodes boot together under TCG, where an inventory costs tens of seconds of
# CPU. The timer (which still starts the service) and the cron job stay as Debian ships them.
systemctl disable ocsinventory-agent.service
systemctl enable ocsinventory-agent.timer

# The agent reads the server's answers with XML::Simple, which needs a parser module (packages).
perl -MXML::Simple -e 'XMLin("<REPLY><RESPONSE>SEND</RESPONSE></REPLY>")->{RESPONSE} eq "SEND" or die'
