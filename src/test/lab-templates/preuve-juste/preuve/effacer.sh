#!/bin/sh
rm -f /etc/atelier-mot
