module git.example.net/noc/netprobe

go 1.22
