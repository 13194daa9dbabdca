import DSWCore
import DSWTerminal
