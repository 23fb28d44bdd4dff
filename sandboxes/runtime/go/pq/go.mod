module github.com/lib/pq

go 1.22

require ase.local/pgshim v0.0.0
