module shipboard.io/shipboard

go 1.22
