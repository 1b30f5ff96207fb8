#!/bin/sh
touch /etc/atelier-b
