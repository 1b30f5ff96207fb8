#!/bin/sh
echo ALPHA > /etc/atelier-mot
