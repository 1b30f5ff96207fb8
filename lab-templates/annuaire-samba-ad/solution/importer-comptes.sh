#!/bin/sh
# Solution (run on dc): installs the import script (a python script against sam.ldb, one process) and runs it on
# the HR file.
set -eu
cat > /root/import-comptes <<'PY'
#!/usr/bin/python3
"""import-comptes FICHIER.csv: the OUs, groups and accounts of an HR file, created in the
domain, and left alone when they exist already (the script may run again on any file).

Columns: identifiant;prenom;nom;service;groupes;mot_de_passe (groupes: comma-separated).
Tree: OU=Lefort > OU=Utilisateurs > OU=<service> for the accounts, OU=Lefort > OU=Groupes.
"""
import csv
import sys

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

if len(sys.argv) != 2:
    sys.exit("usage: import-comptes FICHIER.csv")
lp = LoadParm()
lp.load_default()
sam = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = str(sam.domain_dn())


def exists(dn):
    try:
        return len(sam.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["dn"])) == 1
    except ldb.LdbError:
        return False


def ou(path):
    """path: OUs from the top, e.g. ["Lefort", "Utilisateurs", "Support"]; returns the relative DN."""
    rdn = ""
    for name in path:
        rdn = "OU=%s%s" % (name, "," + rdn if rdn else "")
        if not exists("%s,%s" % (rdn, base)):
            sam.create_ou("%s,%s" % (rdn, base))
            print("OU créée :", rdn)
    return rdn


def account(name):
    res = sam.search(base=base, expression="(sAMAccountName=%s)" % ldb.binary_encode(name), attrs=["dn", "member"])
    return res[0] if res else None


groups_ou = ou(["Lefort", "Groupes"])
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter=";"))
for row in rows:
    login = row["identifiant"].strip()
    user_ou = ou(["Lefort", "Utilisateurs", row["service"].strip()])
    if account(login) is None:
        sam.newuser(login, row["mot_de_passe"], givenname=row["prenom"], surname=row["nom"], userou=user_ou)
        print("compte créé :", login)
    for group in filter(None, (g.strip() for g in row["groupes"].split(","))):
        if account(group) is None:
            sam.newgroup(group, groupou=groups_ou)
            print("groupe créé :", group)
        user_dn = str(account(login).dn)
        members = [str(m) for m in account(group).get("member", [])]
        if user_dn.lower() not in (m.lower() for m in members):
            sam.add_remove_group_members(group, [login], add_members_operation=True)
            print("%s ajouté à %s" % (login, group))
PY
chmod 755 /root/import-comptes
/root/import-comptes /root/nouveaux-salaries.csv
