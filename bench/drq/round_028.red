;redcode-94
;name offline r28 s182
;author drq offline generator
;strategy mutated r28s23: a constant on decoy line 4 by 1
;block decoy 0
        DAT.F  }947, >-2467
        DAT.F  <-303, >3587
        DAT.F  $1582, $1252
        MOV.I  }1556, <815
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, >-2762
        MOV.I  }-1, >-1
        SPL.B  @0, {-1374
        MOV.I  }-1, >-1
        MOV.I  $3, }1908
        MOV.I  {-3, <1
        JMP.B  @0, >-3209
        DAT.F  <2667, <-2667
        end     4
