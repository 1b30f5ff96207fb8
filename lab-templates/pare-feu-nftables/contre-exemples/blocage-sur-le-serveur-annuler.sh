#!/bin/sh
set -eu
nft delete table inet serveur
