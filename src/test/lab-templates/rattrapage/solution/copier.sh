#!/bin/sh
# The task's fault moved the word away: put it back, then copy it (fails if the fault was not applied).
set -e
mv /etc/atelier-mot.ancien /etc/atelier-mot
cp /etc/atelier-mot /etc/atelier-copie
