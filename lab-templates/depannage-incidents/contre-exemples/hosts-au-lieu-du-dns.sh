#!/bin/sh
# Counterexample (poste): the names the employee uses written in /etc/hosts; the resolver left
# pointing nowhere. The intranet and the wiki open by name, nothing else does.
set -eu
printf '192.168.90.10 intranet.arvor.lan intranet\n192.168.90.10 wiki.arvor.lan wiki\n192.168.90.10 srv.arvor.lan srv\n' >> /etc/hosts
