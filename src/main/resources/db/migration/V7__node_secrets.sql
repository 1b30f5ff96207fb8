-- Each node's own secrets (issue 12), sealed by security/SecretBox (never plain text):
-- the SSH host key the platform generated for it (injected at first boot, its public half
-- pinned in the lab's plan) and the password of its VNC display. Labs created before this
-- migration have none: their nodes keep the key they made themselves, their displays no password.
alter table lab_node add column host_key text;
alter table lab_node add column vnc_password text;
