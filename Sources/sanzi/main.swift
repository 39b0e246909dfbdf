import SanziCLI

SanziCommand.main()
