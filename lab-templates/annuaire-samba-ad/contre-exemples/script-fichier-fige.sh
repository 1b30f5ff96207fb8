#!/bin/sh
# Counterexample script-fichier-fige (dc): an import script that makes the right tree, groups
# and accounts, idempotent, but from the first HR file's lines copied into it: it ignores the
# file it is given. Run on a second file, it succeeds and creates none of its newcomers.
set -eu
cat > /root/import-comptes <<'PY'
#!/usr/bin/python3
# import-comptes : crée les comptes des nouveaux salariés (liste recopiée du fichier RH).
import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
lp = LoadParm(); lp.load_default()
sam = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = str(sam.domain_dn())
STAFF = [
    ("cmartin", "Claire", "Martin", "Comptabilite", "comptables", "Cm-{{mdp_cmartin}}"),
    ("pdurand", "Paul", "Durand", "Comptabilite", "comptables", "Pd-{{mdp_pdurand}}"),
    ("iroux", "Inès", "Roux", "Support", "helpdesk", "Ir-{{mdp_iroux}}"),
    ("mpetit", "Marc", "Petit", "Support", "helpdesk", "Mp-{{mdp_mpetit}}"),
    ("slefort", "Sophie", "Lefort", "Direction", "direction", "Sl-{{mdp_slefort}}"),
]
def exists(dn):
    try:
        return len(sam.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["dn"])) == 1
    except ldb.LdbError:
        return False
def ou(path):
    rdn = ""
    for name in path:
        rdn = "OU=%s%s" % (name, "," + rdn if rdn else "")
        if not exists("%s,%s" % (rdn, base)):
            sam.create_ou("%s,%s" % (rdn, base))
    return rdn
def account(name):
    res = sam.search(base=base, expression="(sAMAccountName=%s)" % name, attrs=["dn", "member"])
    return res[0] if res else None
groups = ou(["Lefort", "Groupes"])
for login, first, last, service, group, password in STAFF:
    if account(login) is None:
        sam.newuser(login, password, givenname=first, surname=last, userou=ou(["Lefort", "Utilisateurs", service]))
    if account(group) is None:
        sam.newgroup(group, groupou=groups)
    members = [str(m).lower() for m in account(group).get("member", [])]
    if str(account(login).dn).lower() not in members:
        sam.add_remove_group_members(group, [login], add_members_operation=True)
PY
chmod 755 /root/import-comptes
/root/import-comptes /root/nouveaux-salaries.csv
