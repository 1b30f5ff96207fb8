#!/bin/sh
# Back to the domain as provisioned: the accounts, groups and OUs of both HR files, and the
# import script, gone.
set -eu
python3 - <<'PY'
import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
lp = LoadParm(); lp.load_default()
sam = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = sam.domain_dn()
names = ["cmartin", "pdurand", "iroux", "mpetit", "slefort", "lgarnier", "tbarbier",
         "comptables", "helpdesk", "direction", "juristes"]
for n in names:
    for r in sam.search(base=base, expression="(sAMAccountName=%s)" % n, attrs=["dn"]):
        sam.delete(r.dn)
for r in sam.search(base=base, expression="(&(objectClass=organizationalUnit)(ou=Lefort))", attrs=["dn"]):
    sam.delete(r.dn, ["tree_delete:1"])
PY
rm -f /root/import-comptes
