# debian-cfengine setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Leaves CFEngine installed, not bootstrapped, with no key pair (made at first boot), and a hub
# that would update itself from the masterfiles it serves.

w=/var/lib/cfengine3

# cfengine3's postinst ran cf-key here (it does when ppkeys/localhost.priv is missing): that pair
# would be the identity of every machine made from this image, hub and clients alike. Removed,
# with the random seed cf-key leaves, and remade at first boot by atelier-cfengine-key.service.
[ -f "$w/ppkeys/localhost.priv" ] || echo "note: postinst made no key pair" >&2
rm -f "$w"/ppkeys/localhost.priv "$w"/ppkeys/localhost.pub "$w/randseed"
[ -z "$(ls -A "$w/ppkeys")" ] || { echo "unexpected keys in $w/ppkeys:" >&2; ls -la "$w/ppkeys" >&2; exit 1; }
chmod 0700 "$w/ppkeys"
systemctl enable atelier-cfengine-key.service

# Not bootstrapped: no policy hub recorded, no policy copied to inputs/ (the bootstrap must see
# the machine's real addresses, at first boot or later, never the build host's).
[ ! -e "$w/policy_server.dat" ]
[ ! -e "$w/inputs/promises.cf" ]
# The MPF is in masterfiles/ for a hub to serve (postinst copies /usr/share/cfengine3/masterfiles).
[ -f "$w/masterfiles/promises.cf" ]
[ -f "$w/masterfiles/update.cf" ]
# Debian patches the MPF's controls/update_def.cf so that a hub copies its own inputs/ from the
# package's pristine copy, /usr/share/cfengine3/masterfiles, while it serves its clients
# /var/lib/cfengine3/masterfiles: a hub would never apply to itself what its administrator
# writes there (def.json's trustkeysfrom, which its cf-serverd reads, included; seen under TCG on
# 2026-12-05). The package's copy becomes a link to the served one: the hub reads what it serves,
# as CFEngine's documentation describes it.
[ -f /usr/share/cfengine3/masterfiles/promises.cf ]
grep -q '/usr/share/cfengine3/masterfiles' "$w/masterfiles/controls/update_def.cf"
rm -rf /usr/share/cfengine3/masterfiles
ln -s "$w/masterfiles" /usr/share/cfengine3/masterfiles
# Every machine's cf-execd runs the policy every 5 minutes by default (controls/def.cf; a def.json
# may set `control_executor_schedule`). Under TCG an MPF run costs a workstation 20 to 40 s of CPU
# (measured 2026-12-05), so a lab of five machines would spend half a core on it: the default
# becomes twice an hour (Min00, Min30). `cf-agent -KI` still applies the policy at once, and the
# labs' instructions say so.
python3 - "$w/masterfiles/controls/def.cf" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
old = '''"Min00", "Min05", "Min10", "Min15",
                   "Min20", "Min25", "Min30", "Min35",
                   "Min40", "Min45", "Min50", "Min55",'''
assert s.count(old) == 1, "controls/def.cf: the default schedule is not the one expected"
open(p, "w").write(s.replace(old, '"Min00", "Min30",'))
PY
# Its daemons stay enabled as the package leaves them; their units start nothing before a
# bootstrap (ConditionPathExists inputs/promises.cf); the Enterprise-only units (cf-hub,
# cf-postgres, cf-apache, cf-reactor, cf-runalerts) never start: their programs are absent.
systemctl -q is-enabled cf-execd.service
command -v python3 >/dev/null
