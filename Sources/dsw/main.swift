import DSWApp

DSWMain.main()
