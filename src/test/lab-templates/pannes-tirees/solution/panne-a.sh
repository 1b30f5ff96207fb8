#!/bin/sh
touch /etc/atelier-a
