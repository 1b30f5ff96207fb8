#!/bin/sh
set -e
echo {{mot}} > /etc/atelier-mot
