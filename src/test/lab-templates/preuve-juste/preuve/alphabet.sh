#!/bin/sh
echo alphabet > /etc/atelier-mot
