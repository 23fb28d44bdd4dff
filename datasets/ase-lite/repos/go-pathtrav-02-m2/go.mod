module codeberg.org/lumen/lumen

go 1.22
