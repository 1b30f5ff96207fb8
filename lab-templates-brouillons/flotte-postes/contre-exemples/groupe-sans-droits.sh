#!/bin/sh
# Counterexample (run on gestion after solution/strategies.sh): admpostes made and support in
# it, but no sudo rule for the group.
set -eu
m=/var/lib/cfengine3/masterfiles
python3 - "$m/arvor.cf" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
rule = '''      "/etc/sudoers.d/admpostes"
        create => "true",
        perms => mog("0440", "root", "root"),
        edit_line => insert_lines("%admpostes ALL=(ALL) ALL"),
        edit_defaults => empty;
'''
assert rule in s
open(p, "w").write(s.replace(rule, ""))
PY
cf-agent -KIf update.cf
cf-agent -KI
