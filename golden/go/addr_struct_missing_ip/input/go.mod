module example.com/missingip

go 1.22
