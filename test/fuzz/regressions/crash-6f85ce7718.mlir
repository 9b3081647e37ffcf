    tt.print " x=: " {hex = false, isSigned = array<index: 0>} : %3 : tensor<16xf32>
