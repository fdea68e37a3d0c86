from copylint.cli import main

main()
