#!/bin/sh
# Counterexample comptes-dans-users (dc): an import script that creates the accounts and groups where Samba puts them by default
# (CN=Users): no OU at all. Idempotent, run on the HR file.
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
def exists(name):
    return len(sam.search(base=base, expression="(sAMAccountName=%s)" % ldb.binary_encode(name), attrs=["dn"])) > 0
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter=";"):
    if not exists(row["identifiant"]):
        sam.newuser(row["identifiant"], row["mot_de_passe"], givenname=row["prenom"], surname=row["nom"])
    for g in row["groupes"].split(","):
        if not exists(g):
            sam.newgroup(g)
        try:
            sam.add_remove_group_members(g, [row["identifiant"]], add_members_operation=True)
        except ldb.LdbError:
            pass  # already a member
PY
chmod 755 /root/import-comptes
/root/import-comptes /root/nouveaux-salaries.csv
