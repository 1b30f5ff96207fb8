#!/bin/sh
# Counterexample script-non-idempotent (dc): the right tree and accounts, made by a script that creates without looking first: run again
# on a file naming someone who exists, it stops on "already exists".
set -eu
cat > /root/import-comptes <<'PY'
#!/usr/bin/python3
import csv, sys
import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
lp = LoadParm(); lp.load_default()
sam = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = str(sam.domain_dn())
def ou(path):
    rdn = ""
    for name in path:
        rdn = "OU=%s%s" % (name, "," + rdn if rdn else "")
        try:
            sam.create_ou("%s,%s" % (rdn, base))
        except ldb.LdbError:
            pass
    return rdn
groups = ou(["Lefort", "Groupes"])
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter=";"):
    sam.newuser(row["identifiant"], row["mot_de_passe"], givenname=row["prenom"], surname=row["nom"],
                userou=ou(["Lefort", "Utilisateurs", row["service"]]))
    for g in row["groupes"].split(","):
        if not sam.search(base=base, expression="(sAMAccountName=%s)" % g):
            sam.newgroup(g, groupou=groups)
        sam.add_remove_group_members(g, [row["identifiant"]], add_members_operation=True)
PY
chmod 755 /root/import-comptes
/root/import-comptes /root/nouveaux-salaries.csv
