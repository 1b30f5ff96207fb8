#!/bin/sh
echo repare > /etc/atelier-d
