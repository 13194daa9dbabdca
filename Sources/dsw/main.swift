import DSWApp
