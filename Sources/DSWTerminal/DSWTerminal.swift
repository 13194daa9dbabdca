import DSWCore
