# debian-zabbix-agent setup, run inside the chroot after packages and files.
systemctl enable zabbix-agent.service
