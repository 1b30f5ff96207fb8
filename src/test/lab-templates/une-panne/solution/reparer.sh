#!/bin/sh
touch /etc/atelier-{{fichier}}
