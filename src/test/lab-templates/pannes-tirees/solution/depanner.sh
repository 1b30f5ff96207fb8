#!/bin/sh
touch /etc/atelier-commun
