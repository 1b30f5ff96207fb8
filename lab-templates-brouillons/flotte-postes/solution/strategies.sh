#!/bin/sh
# Solution (run on gestion): the company's policy in masterfiles/arvor.cf, the departments as
# classes in def.json (from the workstations' names: compta-pc1 is class compta_pc1), the bundle
# added to the bundle sequence, then published (the hub validates masterfiles in its own run).
set -eu
m=/var/lib/cfengine3/masterfiles
cat > "$m/arvor.cf" <<'CF'
# Arvor Distribution: the workstations' policies (the departments are classes set in def.json)
bundle agent arvor_postes
{
  vars:
      "navigateur" string => '{"policies": {"Homepage": {"URL": "http://intranet.arvor.lan/", "Locked": true, "StartPage": "homepage"}, "PasswordManagerEnabled": false}}';

  classes:
      "poste_gere" or => { "service_compta", "service_accueil" };
      "admpostes_existe" expression => groupexists("admpostes");

  files:
    poste_gere::
      "/etc/modprobe.d/arvor-usb.conf"
        create => "true",
        edit_line => insert_lines("install usb-storage /bin/false"),
        edit_defaults => empty;
      "/etc/firefox/policies/policies.json"
        create => "true",
        edit_line => insert_lines("$(navigateur)"),
        edit_defaults => empty;
      "/etc/sudoers.d/admpostes"
        create => "true",
        perms => mog("0440", "root", "root"),
        edit_line => insert_lines("%admpostes ALL=(ALL) ALL"),
        edit_defaults => empty;

  packages:
    poste_gere::
      "htop" policy => "present", package_module => apt_get;
    service_compta::
      "sc" policy => "present", package_module => apt_get;

  commands:
    poste_gere.!admpostes_existe::
      "/usr/sbin/groupadd admpostes";

  users:
    poste_gere.admpostes_existe::
      "support" policy => "present", groups_secondary => { "admpostes" };
}
CF
cat > "$m/def.json" <<'JSON'
{
  "classes": {
    "service_compta": [ "compta_pc[0-9]+" ],
    "service_accueil": [ "accueil_pc[0-9]+" ]
  },
  "inputs": [ "arvor.cf" ],
  "vars": {
    "trustkeysfrom": [ "127.0.0.1" ],
    "control_common_bundlesequence_end": [ "arvor_postes" ]
  }
}
JSON
cf-promises -f "$m/promises.cf"
cf-agent -KIf update.cf
cf-agent -KI
