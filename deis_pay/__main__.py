from deis_pay.cli.app import main

main()
