#!/bin/sh
# Alternative (run on gestion, instead of solution/strategies.sh): the departments computed in
# the policy from the workstation's short name, the browser policy a file copied from the hub,
# the USB module replaced by /bin/true, the sudo rule written with its group of target users
# (ALL : ALL), def.json naming only the file and the bundle.
set -eu
m=/var/lib/cfengine3/masterfiles
mkdir -p "$m/arvor"
cat > "$m/arvor/policies.json" <<'JSON'
{
  "policies": {
    "Homepage": {
      "URL": "http://intranet.arvor.lan/",
      "Locked": true,
      "StartPage": "homepage-locked"
    },
    "PasswordManagerEnabled": false
  }
}
JSON
cat > "$m/arvor.cf" <<'CF'
bundle agent arvor_postes
{
  classes:
      "compta" expression => regcmp("compta-pc[0-9]+", "$(sys.uqhost)");
      "accueil" expression => regcmp("accueil-pc[0-9]+", "$(sys.uqhost)");
      "gere" or => { "compta", "accueil" };
      "groupe" expression => groupexists("admpostes");

  files:
    gere::
      "/etc/modprobe.d/usb-storage.conf"
        create => "true",
        edit_line => insert_lines("install usb-storage /bin/true"),
        edit_defaults => empty;
      "/etc/firefox/policies/."
        create => "true";
      "/etc/firefox/policies/policies.json"
        create => "true",
        copy_from => remote_dcp("/var/lib/cfengine3/masterfiles/arvor/policies.json", "$(sys.policy_hub)");
      "/etc/sudoers.d/admins-postes"
        create => "true",
        perms => mog("0440", "root", "root"),
        edit_line => insert_lines("%admpostes ALL=(ALL:ALL) ALL"),
        edit_defaults => empty;

  packages:
    gere::
      "htop" policy => "present", package_module => apt_get;
    compta::
      "sc" policy => "present", package_module => apt_get;

  commands:
    gere.!groupe::
      "/usr/sbin/groupadd admpostes";

  users:
    gere.groupe::
      "support" policy => "present", groups_secondary => { "admpostes" };
}
CF
python3 - "$m/def.json" <<'PY'
import json, os, sys
p = sys.argv[1]
d = json.load(open(p)) if os.path.exists(p) else {}
d["inputs"] = ["arvor.cf"]
d.setdefault("vars", {})["control_common_bundlesequence_end"] = ["arvor_postes"]
json.dump(d, open(p, "w"), indent=2)
PY
cf-promises -f "$m/promises.cf"
cf-agent -KIf update.cf
cf-agent -KI
