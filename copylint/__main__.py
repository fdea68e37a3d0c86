from copylint.check import main

main()
